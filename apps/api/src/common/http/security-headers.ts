import helmet from 'helmet';

/**
 * Helmet's defaults plus a Content-Security-Policy the dashboard runs under: no inline
 * scripts, no third-party origins. Angular adds component styles at run time, hence
 * 'unsafe-inline' for styles only. Framing is allowed from the Hub, where many run
 * this dashboard as a Space.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'self'", 'https://huggingface.co'],
      },
    },
    // frame-ancestors above decides framing; X-Frame-Options cannot name the Hub.
    frameguard: false,
  });
}
