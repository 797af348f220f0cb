import type { RuntimeStage } from './space-stage';

export const SPACE_SDKS = ['gradio', 'docker', 'static', 'streamlit'] as const;
export type SpaceSdk = (typeof SPACE_SDKS)[number];

export interface SpaceHardware {
  /** Null while the first build runs, and always for static Spaces. */
  current: string | null;
  requested: string | null;
}

export interface SpaceReplicas {
  current: number | null;
  requested: number | 'auto' | null;
}

export interface SpaceRuntime {
  stage: RuntimeStage;
  hardware: SpaceHardware;
  /** The Hub's `gcTimeout`: seconds of inactivity before the Space sleeps; null = never. */
  sleepTimeSeconds: number | null;
  replicas: SpaceReplicas;
  /** Present in error stages: the reason the Hub gives (often a log tail). */
  errorMessage: string | null;
}

/** One Space as every list shows it. */
export interface SpaceSummary {
  /** `owner/name` */
  id: string;
  owner: string;
  name: string;
  /** The card title (`cardData.title`), falling back to the name. */
  title: string;
  emoji: string | null;
  /** `cardData.short_description` */
  description: string | null;
  colorFrom: string | null;
  colorTo: string | null;
  sdk: SpaceSdk | null;
  private: boolean;
  tags: string[];
  likes: number;
  createdAt: string | null;
  lastModified: string | null;
  /** `https://{subdomain}.hf.space`, built from the Hub's `subdomain` field. */
  appUrl: string | null;
  /** The Space's page on the Hub. */
  hubUrl: string;
  /** Null when the Hub did not report one (rare; the dashboard shows the stage as unknown). */
  runtime: SpaceRuntime | null;
  /**
   * ISO time this server saw the Space enter its current stage, or null when it has not
   * seen the stage begin (the Space was already in it at the first read after start).
   */
  stageSince: string | null;
}

/** One Space in detail. */
export interface SpaceDetail extends SpaceSummary {
  sha: string | null;
  license: string | null;
  sdkVersion: string | null;
  domains: SpaceDomain[];
  models: string[];
  datasets: string[];
}

export interface SpaceDomain {
  domain: string;
  stage: 'READY' | 'PENDING' | string;
  isCustom: boolean;
}
