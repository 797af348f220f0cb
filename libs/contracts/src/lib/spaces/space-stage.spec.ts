import { METRIC_STAGES, hasLiveMetrics, SETTLED_STAGES, SPACE_STAGES, STAGE_GROUP, STAGE_GROUPS, UNKNOWN_STAGE } from './space-stage';

describe('space stages', () => {
  it('lists the 13 stages of the Hub once each', () => {
    expect(SPACE_STAGES).toHaveLength(13);
    expect(new Set(SPACE_STAGES).size).toBe(13);
  });

  it('puts every stage, and UNKNOWN, into exactly one known group', () => {
    expect(Object.keys(STAGE_GROUP).sort()).toEqual([...SPACE_STAGES, UNKNOWN_STAGE].sort());
    for (const group of Object.values(STAGE_GROUP)) expect(STAGE_GROUPS).toContain(group);
  });

  it('uses every group for at least one stage', () => {
    expect(new Set(Object.values(STAGE_GROUP))).toEqual(new Set(STAGE_GROUPS));
  });

  it('groups as the dashboard filters expect', () => {
    expect(STAGE_GROUP.RUNNING_BUILDING).toBe('running');
    expect(STAGE_GROUP.STOPPED).toBe('sleeping');
    expect(STAGE_GROUP.PAUSED).toBe('paused');
    expect(STAGE_GROUP.APP_STARTING).toBe('starting');
    expect(STAGE_GROUP.RUNTIME_ERROR).toBe('error');
  });

  it('never treats a transitional stage as settled', () => {
    for (const stage of ['BUILDING', 'APP_STARTING', 'RUNNING_BUILDING', 'RUNNING_APP_STARTING'] as const) {
      expect(SETTLED_STAGES).not.toContain(stage);
    }
  });

  it('expects metrics only from stages that serve', () => {
    for (const stage of METRIC_STAGES) expect(STAGE_GROUP[stage]).toBe('running');
  });

  it('has live metrics only for a Space with a container in a metric stage', () => {
    const runtime = (stage: (typeof SPACE_STAGES)[number]) => ({ stage });
    for (const stage of SPACE_STAGES) {
      expect(hasLiveMetrics({ sdk: 'gradio', runtime: runtime(stage) })).toBe(METRIC_STAGES.includes(stage));
      expect(hasLiveMetrics({ sdk: 'static', runtime: runtime(stage) })).toBe(false);
    }
    expect(hasLiveMetrics({ sdk: null, runtime: runtime('RUNNING') })).toBe(true);
    expect(hasLiveMetrics({ sdk: 'docker', runtime: null })).toBe(false);
    expect(hasLiveMetrics({ sdk: 'docker', runtime: { stage: UNKNOWN_STAGE } })).toBe(false);
  });
});
