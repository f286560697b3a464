import { Injectable } from '@nestjs/common';
import {
  AUTOMATION_FILE_FORMAT,
  nodeTypeSpec,
  type AutomationFile,
  type FieldSpec,
  type ImportNotice,
} from '@socialorchestrator/rule-nodes';
import type { Principal } from '../access/access-context';
import { AccountsService } from '../accounts/accounts.service';
import { RolesService } from '../workspaces/roles.service';
import type { AutomationView } from './automation-view';
import { AutomationsError } from './automations.errors';
import { AutomationsService } from './automations.service';
import type { Graph, GraphNode } from './graph';
import { validateGraph } from './graph-validation';

/** Longest automation name (the DTOs' limit); a copy's name is cut to leave room for " (copy)". */
const MAX_NAME = 120;
const COPY = ' (copy)';

/** The ids a workspace has, to tell what an imported graph names that this one lacks. */
interface Known {
  accounts: Set<string>;
  roles: Set<string>;
  automations: Set<string>;
}

/** Automations as files (export, import) and copies: each made a draft through AutomationsService. */
@Injectable()
export class AutomationFiles {
  constructor(
    private readonly automations: AutomationsService,
    private readonly accounts: AccountsService,
    private readonly roles: RolesService,
  ) {}

  /** The draft as a file of the public graph contract, with its format's version. */
  async exportOf(workspaceId: string, id: string): Promise<AutomationFile> {
    const automation = await this.automations.get(workspaceId, id);
    return {
      format: AUTOMATION_FILE_FORMAT,
      name: automation.name,
      exportedAt: new Date().toISOString(),
      graph: automation.graph,
    };
  }

  /**
   * A new draft from a file. The graph is checked as a draft (types, values, edges; required
   * fields may wait), each problem naming its node or field; ids of accounts, custom roles and
   * automations this workspace lacks are taken out and reported, never kept pointing nowhere.
   */
  async importFile(
    workspaceId: string,
    actor: Principal,
    file: { name: string; graph: Graph },
  ): Promise<{ automation: AutomationView; notices: ImportNotice[] }> {
    const problems = validateGraph(file.graph, { draft: true });
    if (problems.length) throw new AutomationsError('INVALID_FILE', problems[0].message, problems);
    const { graph, notices } = this.withoutUnknownIds(file.graph, await this.known(workspaceId));
    const automation = await this.automations.create(workspaceId, actor, file.name.trim(), graph);
    return { automation, notices };
  }

  /** A copy of the draft as a new, unpublished draft named "… (copy)". */
  async duplicate(workspaceId: string, actor: Principal, id: string): Promise<AutomationView> {
    const original = await this.automations.get(workspaceId, id);
    const name = `${original.name.slice(0, MAX_NAME - COPY.length)}${COPY}`;
    return this.automations.create(workspaceId, actor, name, structuredClone(original.graph));
  }

  private async known(workspaceId: string): Promise<Known> {
    const [accounts, roles, automations] = await Promise.all([
      this.accounts.list(workspaceId),
      this.roles.list(workspaceId),
      this.automations.list(workspaceId),
    ]);
    return {
      accounts: new Set(accounts.map((a) => a.id)),
      roles: new Set(roles.map((r) => r.id)),
      automations: new Set(automations.items.map((a) => a.id)),
    };
  }

  private withoutUnknownIds(source: Graph, known: Known): { graph: Graph; notices: ImportNotice[] } {
    const notices: ImportNotice[] = [];
    const nodes = source.nodes.map((node) => this.nodeWithKnownIds(node, known, notices));
    const graph: Graph = { ...source, nodes };
    const handler = source.errorHandler;
    if (handler?.kind === 'automation' && !known.automations.has(handler.automationId)) {
      delete graph.errorHandler;
      notices.push({
        field: 'graph.errorHandler.automationId',
        message: `The error handler started an automation (${handler.automationId}) this workspace does not have: it was taken out`,
      });
    }
    if (handler?.kind === 'notify') {
      const roles = handler.roles.filter((r) => known.roles.has(r));
      if (roles.length < handler.roles.length) {
        const missing = handler.roles.filter((r) => !known.roles.has(r));
        graph.errorHandler = { kind: 'notify', roles: roles.length ? roles : ['owner', 'admin'] };
        notices.push({
          field: 'graph.errorHandler.roles',
          message: `The error handler named roles this workspace does not have (${missing.join(', ')}): ${roles.length ? 'they were taken out' : 'it tells owners and admins instead'}`,
        });
      }
    }
    return { graph, notices };
  }

  /** A node's account and role lists without the ids the workspace lacks (`*`, every account, stays). */
  private nodeWithKnownIds(node: GraphNode, known: Known, notices: ImportNotice[]): GraphNode {
    const spec = nodeTypeSpec(node.type)!;
    const config = { ...node.config };
    const name = node.label?.trim() || spec.label;
    for (const field of spec.config.filter((f: FieldSpec) => f.kind === 'accounts' || f.kind === 'roles')) {
      const value = config[field.key];
      if (!Array.isArray(value)) continue;
      const ids = known[field.kind === 'accounts' ? 'accounts' : 'roles'];
      const keep = (v: unknown) => v === '*' || (typeof v === 'string' && ids.has(v));
      const missing = value.filter((v) => !keep(v));
      if (!missing.length) continue;
      config[field.key] = value.filter(keep);
      const what = field.kind === 'accounts' ? 'accounts' : 'roles';
      notices.push({
        field: `graph.nodes.${node.id}.config.${field.key}`,
        message: `${name}: ${field.label} named ${missing.length} ${what} this workspace does not have (${missing.join(', ')}); they were taken out`,
      });
    }
    return { ...node, config };
  }
}
