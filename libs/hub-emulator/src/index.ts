export { startHubEmulator, type HubEmulator, type StartHubEmulatorOptions } from './lib/emulator';
export { ControlInputError, UnknownSpaceError, type EmulatorControl, type StreamFaultTarget } from './lib/control/emulator-control';
export {
  EmulatorCounters,
  STREAM_KINDS,
  type CountersSnapshot,
  type RequestCountRow,
  type RequestFilter,
  type StreamFilter,
  type StreamKind,
} from './lib/counters';
export {
  DEFAULT_RATE_LIMIT,
  DEFAULT_TIMINGS,
  ScenarioSchema,
  type LoadProfile,
  type RateLimitConfig,
  type Scenario,
  type ScenarioAccount,
  type ScenarioInput,
  type ScenarioSpace,
  type ScenarioToken,
  type ScenarioWatch,
  type StageTimings,
} from './lib/scenario/scenario.schema';
export { ScenarioError, loadScenario, parseScenario } from './lib/scenario/load-scenario';
export { demoScenario, type DemoScenarioOptions } from './lib/scenario/demo-scenario';
export { generateScenario, type GenerateScenarioOptions } from './lib/scenario/generate-scenario';
export { MetricGenerator, type GpuSample, type MetricSample } from './lib/metrics/metric-generator';
export type { MetricSampleObserver, MetricSampleSent } from './lib/metrics/metrics-hub';
export { SPACE_STAGES, RUNNING_STAGES, type SpaceStage } from './lib/hub/stages';
export { FLAVORS, type Flavor } from './lib/hub/flavors';
export { HUB_ROUTE_NAMES, type CountedRouteName, type HubRouteName } from './lib/routes/route-names';
export type { DownMode, ErrorFaultInput, LatencyFaultInput } from './lib/faults/fault.schema';
export type { ActiveErrorFault, FaultSnapshot } from './lib/faults/fault-injector';
