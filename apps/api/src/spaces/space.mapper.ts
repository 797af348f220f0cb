import {
  SPACE_SDKS,
  SPACE_STAGES,
  UNKNOWN_STAGE,
  type RuntimeStage,
  type SpaceDetail,
  type SpaceRuntime,
  type SpaceSdk,
  type SpaceSummary,
} from '@hfd/contracts';
import type { HubRuntime, HubSpace } from '../hf-client/hf-api.types';

function toStage(stage: string): RuntimeStage {
  return (SPACE_STAGES as readonly string[]).includes(stage) ? (stage as RuntimeStage) : UNKNOWN_STAGE;
}

function toSdk(sdk: string | undefined): SpaceSdk | null {
  return sdk !== undefined && (SPACE_SDKS as readonly string[]).includes(sdk) ? (sdk as SpaceSdk) : null;
}

/** A DNS label as the Hub makes them: anything else must not become a link. */
const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function toRuntime(runtime: HubRuntime): SpaceRuntime {
  return {
    stage: toStage(runtime.stage),
    hardware: { current: runtime.hardware?.current ?? null, requested: runtime.hardware?.requested ?? null },
    sleepTimeSeconds: runtime.gcTimeout ?? null,
    replicas: { current: runtime.replicas?.current ?? null, requested: runtime.replicas?.requested ?? null },
    errorMessage: runtime.errorMessage ?? null,
  };
}

/** Maps a Hub Space (a list item with the expanded fields, or info) onto our summary. */
export function toSummary(space: HubSpace, hubEndpoint: string): SpaceSummary {
  const [owner, name] = space.id.split('/');
  const card = space.cardData ?? {};
  return {
    id: space.id,
    owner: space.author ?? owner,
    name,
    title: card.title?.trim() || name,
    emoji: card.emoji ?? null,
    description: card.short_description ?? null,
    colorFrom: card.colorFrom ?? null,
    colorTo: card.colorTo ?? null,
    sdk: toSdk(space.sdk ?? card.sdk),
    private: space.private ?? false,
    tags: space.tags ?? [],
    likes: space.likes ?? 0,
    createdAt: space.createdAt ?? null,
    lastModified: space.lastModified ?? null,
    // The Hub's own subdomain field: owner-name lower-cased is not always right.
    appUrl: space.subdomain && SUBDOMAIN.test(space.subdomain) ? `https://${space.subdomain}.hf.space` : null,
    hubUrl: `${hubEndpoint}/spaces/${space.id}`,
    runtime: space.runtime ? toRuntime(space.runtime) : null,
    // Only the inventory knows when it saw the stage begin (stage-since.ts).
    stageSince: null,
  };
}

/** What a Space's detail holds beyond its summary. */
export type DetailExtras = Omit<SpaceDetail, keyof SpaceSummary>;

export function toDetailExtras(space: HubSpace): DetailExtras {
  const card = space.cardData ?? {};
  return {
    sha: space.sha ?? space.runtime?.sha ?? null,
    license: card.license ?? null,
    sdkVersion: card.sdk_version ?? null,
    domains: (space.runtime?.domains ?? []).map((domain) => ({
      domain: domain.domain,
      stage: domain.stage ?? 'READY',
      isCustom: domain.isCustom ?? false,
    })),
    models: space.models ?? card.models ?? [],
    datasets: space.datasets ?? card.datasets ?? [],
  };
}

export function toDetail(space: HubSpace, hubEndpoint: string): SpaceDetail {
  return { ...toSummary(space, hubEndpoint), ...toDetailExtras(space) };
}
