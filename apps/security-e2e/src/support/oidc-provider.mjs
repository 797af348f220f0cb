// A real OpenID provider (oidc-provider 9, an ES module) for the single sign-on tests, run as
// its own process. Its login step signs in whoever POST /test/account last named, with no
// form to fill: the tests exercise our side of the protocol, not a login page.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const ACCOUNTS = {
  pat: { sub: 'pat-0001', preferred_username: 'pat', email: 'pat@example.com', groups: ['staff', 'operator'] },
  nora: { sub: 'nora-0002', preferred_username: 'nora', email: 'nora@example.com', groups: ['staff'] },
  admin: { sub: 'admin-0003', preferred_username: 'admin', groups: ['admin'] },
};
let nextAccount = 'pat';

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.CLIENT_ID,
      client_secret: process.env.CLIENT_SECRET,
      redirect_uris: [process.env.REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  cookies: { keys: ['oidc-test-cookie-key-0123456789'] },
  claims: { openid: ['sub'], profile: ['preferred_username', 'groups'], email: ['email'] },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: (_ctx, id) => {
    const account = Object.values(ACCOUNTS).find((candidate) => candidate.sub === id);
    return account && { accountId: id, claims: () => account };
  },
});

const server = createServer(async (request, response) => {
  try {
    if (request.method === 'POST' && request.url === '/test/account') {
      let body = '';
      for await (const chunk of request) body += chunk;
      nextAccount = body.trim();
      response.writeHead(204).end();
      return;
    }
    if (request.url?.startsWith('/interaction/')) {
      const details = await provider.interactionDetails(request, response);
      const accountId = ACCOUNTS[nextAccount].sub;
      const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await provider.interactionFinished(request, response, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
      return;
    }
    provider.callback()(request, response);
  } catch (error) {
    response.writeHead(500).end(String(error));
  }
});
server.listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
