import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type {
  Approval,
  Automation,
  AutomationFile,
  GraphDiff,
  ImportNotice,
  AutomationSummary,
  AutomationVersion,
  Graph,
  Hook,
  NodeTypeSpec,
  Run,
  RunDetail,
  Template,
  VariantEditCheck,
} from './automation.types';

const BASE = '/api/v1';

/** The automation, run, template and approval APIs as promises. */
@Injectable({ providedIn: 'root' })
export class AutomationsApi {
  private readonly http = inject(HttpClient);
  private nodeTypesCache: Promise<NodeTypeSpec[]> | null = null;

  nodeTypes(): Promise<NodeTypeSpec[]> {
    this.nodeTypesCache ??= this.get<{ items: NodeTypeSpec[] }>('/automations/node-types').then((r) => r.items);
    return this.nodeTypesCache;
  }

  list = () => this.get<{ items: AutomationSummary[] }>('/automations').then((r) => r.items);
  get_ = (id: string) => this.get<Automation>(`/automations/${id}`);
  create = (name: string, graph?: Graph) => this.post<Automation>('/automations', { name, graph });
  save = (id: string, changes: { name?: string; graph?: Graph }) =>
    firstValueFrom(this.http.patch<Automation>(`${BASE}/automations/${id}`, changes));
  remove = (id: string) => firstValueFrom(this.http.delete<void>(`${BASE}/automations/${id}`));
  publish = (id: string) => this.post<{ version: number; publishedAt: string }>(`/automations/${id}/publish`);
  setEnabled = (id: string, enabled: boolean) =>
    this.post<Automation>(`/automations/${id}/${enabled ? 'enable' : 'disable'}`);
  createHook = (id: string) => this.post<Hook & { secret: string }>(`/automations/${id}/hooks`);
  hooks = (id: string) => this.get<{ items: Hook[] }>(`/automations/${id}/hooks`).then((r) => r.items);
  deleteHook = (id: string, hookId: string) =>
    firstValueFrom(this.http.delete<void>(`${BASE}/automations/${id}/hooks/${hookId}`));
  /** A page of runs, newest first; `search`: one status, a start date range (ISO date-times). */
  runs = (id: string, cursor?: string | null, search: { status?: string; from?: string; to?: string } = {}) => {
    const query = new URLSearchParams(
      Object.entries({ cursor, ...search }).filter((e): e is [string, string] => Boolean(e[1])),
    ).toString();
    return this.get<{ items: Run[]; nextCursor: string | null }>(`/automations/${id}/runs${query ? `?${query}` : ''}`);
  };
  versions = (id: string) =>
    this.get<{ items: AutomationVersion[] }>(`/automations/${id}/versions`).then((r) => r.items);
  restore = (id: string, version: number) => this.post<Automation>(`/automations/${id}/versions/${version}/restore`);
  /** What restoring `version` would change in the saved draft. */
  versionDiff = (id: string, version: number) =>
    this.get<GraphDiff & { version: number }>(`/automations/${id}/versions/${version}/diff`);
  /** The draft as a file (the public graph contract with its format). */
  exportFile = (id: string) => this.get<AutomationFile>(`/automations/${id}/export`);
  /** A new draft from a file; `notices` name the ids this workspace lacked, taken out. */
  importFile = (file: unknown) =>
    this.post<{ automation: Automation; notices: ImportNotice[] }>('/automations/import', file as object);
  duplicate = (id: string) => this.post<Automation>(`/automations/${id}/duplicate`);
  test = (id: string, nodeId: string, payload: Record<string, unknown>) =>
    this.post<{ runId: string }>(`/automations/${id}/test`, { nodeId, payload });
  /** A dry run of the draft from a trigger, on its sample or on `payload`. */
  testDraft = (id: string, nodeId: string, payload?: Record<string, unknown>) =>
    this.post<{ runId: string }>(`/automations/${id}/test-runs`, { nodeId, payload });
  /** A failed run again from its failed step, as a new run. */
  retry = (runId: string) => this.post<Run>(`/runs/${runId}/retry`);
  /** A run with a page of its steps; `cursor` (a `nextStepsCursor`) asks for the steps after it. */
  run = (runId: string, cursor?: string | null) =>
    this.get<RunDetail>(`/runs/${runId}${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
  rerun = (runId: string) => this.post<Run>(`/runs/${runId}/rerun`);
  templates = () => this.get<{ items: Template[] }>('/automation-templates').then((r) => r.items);
  instantiate = (id: string, name: string, inputs: Record<string, unknown>) =>
    this.post<Automation>(`/automation-templates/${id}/instantiate`, { name, inputs });
  /** Every pending approval, page after page (the list is keyset-paginated). */
  approvals = async (): Promise<Approval[]> => {
    const items: Approval[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Approval[]; nextCursor: string | null } = await this.get<{
        items: Approval[];
        nextCursor: string | null;
      }>(`/approvals?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  };
  /** `variants`: texts the approver edited, saved before the post is scheduled. */
  approve = (id: string, comment?: string, variants?: { variantId: string; text: string }[]) =>
    this.post<Approval>(`/approvals/${id}/approve`, { comment, variants });
  /** How edited texts measure against their networks (nothing is saved). */
  checkEdits = (id: string, variants: { variantId: string; text: string }[]) =>
    this.post<{ variants: VariantEditCheck[] }>(`/approvals/${id}/check`, { variants }).then((r) => r.variants);
  shareApproval = (id: string) => this.post<{ url: string; expiresAt: string }>(`/approvals/${id}/link`);
  decline = (id: string, reason: string) => this.post<Approval>(`/approvals/${id}/decline`, { reason });

  private get<T>(path: string): Promise<T> {
    return firstValueFrom(this.http.get<T>(`${BASE}${path}`));
  }

  private post<T>(path: string, body: object = {}): Promise<T> {
    return firstValueFrom(this.http.post<T>(`${BASE}${path}`, body));
  }
}
