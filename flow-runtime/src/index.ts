export { FlowRuntimeSupervisor } from './supervisor';
export type { FlowRuntimeStatus, RuntimeState, SupervisorOptions } from './supervisor';
export type { HostMessage, SupervisorMessage } from './messages';
