// The package's public surface, used by the backend: the supervisor, its status and events, the IPC
// messages. The host itself (dist/host.js) is started by the supervisor or run on its own.
export { FlowRuntimeSupervisor } from './supervisor';
export type {
  FlowRuntimeEvents,
  FlowRuntimeExit,
  FlowRuntimeStatus,
  RuntimeState,
  SupervisorOptions,
} from './supervisor';
export { UnsafeRuntimeEnvError } from './child-env';
export { RUNTIME_LIMIT_SETTINGS } from './host-config';
export { isHostMessage, isSupervisorMessage } from './messages';
export type {
  ActionMessage,
  ActionOutcome,
  ActionResultMessage,
  DeployedMessage,
  DeployMessage,
  RunSettledMessage,
  StepRecord,
  StepsMessage,
  StopRunMessage,
  TriggerMessage,
  FatalMessage,
  HeartbeatMessage,
  HostMessage,
  ReadyMessage,
  ShutdownMessage,
  SupervisorMessage,
} from './messages';
