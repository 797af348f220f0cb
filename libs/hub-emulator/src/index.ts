export { startHubEmulator, type HubEmulator, type StartHubEmulatorOptions } from './lib/emulator';
export {
  ControlInputError,
  UnknownSpaceError,
  type EmulatorControl,
  type SpaceControlSnapshot,
  type StreamFaultTarget,
} from './lib/control/emulator-control';
export { systemClock, ScaledClock, type Cancel, type Clock } from './lib/clock/clock';
export { ManualClock } from './lib/clock/manual-clock';
export type { HubTimeSnapshot } from './lib/clock/hub-time';
export {
  EmulatorCounters,
  STREAM_KINDS,
  type CountersSnapshot,
  type RequestCountRow,
  type RequestFilter,
  type SpaceActivity,
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
  type AppAnswer,
  type AppAnswerInput,
  type CrashLoop,
  type CrashLoopInput,
  type ScriptStep,
  type ScriptStepInput,
  type StuckBuild,
  type StuckBuildInput,
} from './lib/scenario/scenario.schema';
export type { ScriptSnapshot, ScriptStepSnapshot } from './lib/state/script-runner';
export type { CrashLoopSnapshot } from './lib/state/crash-loops';
export type { StuckBuildSnapshot } from './lib/state/stuck-builds';
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
