import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import type { NodeSampleView } from '@socialorchestrator/rule-nodes';
import { firstValueFrom } from 'rxjs';
import type { Automation } from '../automation.types';

export type { NodeSampleView };
export type SampleSource = 'fetch' | 'pasted' | 'wait' | 'example';

const BASE = '/api/v1/automations';

/**
 * The sample data of the open automation's triggers (its pinned data), shared by the sample
 * panel that takes them and every field picker that shows their values. Seeded from the
 * automation as loaded; the panel's changes land here at once.
 */
@Injectable({ providedIn: 'root' })
export class SampleStore {
  private readonly http = inject(HttpClient);
  private readonly _automationId = signal<string | null>(null);
  private readonly _samples = signal<Record<string, NodeSampleView>>({});

  /** Sample payloads by trigger node id, as `fieldsAvailable` takes them. */
  readonly payloads = computed(() =>
    Object.fromEntries(Object.values(this._samples()).map((s) => [s.nodeId, s.payload])),
  );

  /** Starts from an automation's stored samples the first time it is seen. */
  seed(automation: Automation): void {
    if (this._automationId() === automation.id) return;
    this._automationId.set(automation.id);
    this._samples.set(Object.fromEntries((automation.samples ?? []).map((s) => [s.nodeId, s])));
  }

  sampleOf(nodeId: string): NodeSampleView | null {
    return this._samples()[nodeId] ?? null;
  }

  async take(automationId: string, nodeId: string, source: SampleSource, json?: unknown): Promise<NodeSampleView> {
    const body = source === 'pasted' ? { source, json } : { source };
    return this.keep(await firstValueFrom(this.http.post<NodeSampleView>(this.url(automationId, nodeId), body)));
  }

  /** The sample as stored now (a test delivery may have arrived). */
  async refresh(automationId: string, nodeId: string): Promise<NodeSampleView> {
    return this.keep(await firstValueFrom(this.http.get<NodeSampleView>(this.url(automationId, nodeId))));
  }

  async clear(automationId: string, nodeId: string): Promise<void> {
    await firstValueFrom(this.http.delete<void>(this.url(automationId, nodeId)));
    this._samples.update(({ [nodeId]: _gone, ...rest }) => rest);
  }

  private keep(sample: NodeSampleView): NodeSampleView {
    this._samples.update((all) => ({ ...all, [sample.nodeId]: sample }));
    return sample;
  }

  private url(automationId: string, nodeId: string): string {
    return `${BASE}/${automationId}/nodes/${encodeURIComponent(nodeId)}/sample`;
  }
}
