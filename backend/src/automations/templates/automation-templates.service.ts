import { Injectable } from '@nestjs/common';
import { fillDefaults, validateFields } from '@socialorchestrator/rule-nodes';
import { fillInputs, loadTemplates, type Template } from '@socialorchestrator/templates';
import type { Principal } from '../../access/access-context';
import { notFound } from '../../common/common.errors';
import { AutomationsError } from '../automations.errors';
import type { AutomationView } from '../automation-view';
import { AutomationsService } from '../automations.service';
import type { Graph } from '../graph';

/** The recipe gallery: prebuilt automations that ask for a few inputs. */
@Injectable()
export class AutomationTemplates {
  private readonly templates: Template[] = loadTemplates();

  constructor(private readonly automations: AutomationsService) {}

  list() {
    return {
      items: this.templates.map(({ id, title, description, category, inputs, graph }) => ({
        id,
        title,
        description,
        category,
        inputs,
        graph,
      })),
    };
  }

  /** A new draft automation from the recipe, its inputs checked and filled in; publish it to run it. */
  async instantiate(
    workspaceId: string,
    actor: Principal,
    id: string,
    name: string | undefined,
    inputs: Record<string, unknown>,
  ): Promise<AutomationView> {
    const template = this.templates.find((t) => t.id === id);
    if (!template) throw notFound('Template');
    const problems = validateFields(template.inputs, inputs, `an input of ${template.title}`);
    if (problems.length) {
      const errors = problems.map((p) => ({ field: `inputs.${p.field}`, message: p.message }));
      throw new AutomationsError('INVALID_GRAPH', errors[0].message, errors);
    }
    const graph = fillInputs(template.graph, fillDefaults(template.inputs, inputs)) as Graph;
    return this.automations.create(workspaceId, actor, name?.trim() || template.title, graph, template.id);
  }
}
