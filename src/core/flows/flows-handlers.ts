/** The `flows` namespace of the contract, and the catalogue entries of the offered flows. */
import type { HandlersOf } from '../../contract/define';
import { KioskFailure } from '../../contract/errors';
import { validateAnswers } from '../../contract/flows/answers-schema';
import type { FlowDefinition } from '../../contract/flows/definition';
import type { ValidationContext } from '../../contract/flows/validation-context';
import type { CatalogueEntry } from '../../contract/namespaces/catalogue';
import type { flowsMethods } from '../../contract/namespaces/flows';

export interface FlowsHandlersOptions {
  /** The offered flows (loadFlows().flows); a function when they can be reloaded. */
  flows: ReadonlyMap<string, FlowDefinition> | (() => ReadonlyMap<string, FlowDefinition>);
  /** What core knows about the current visit: the signed-in person's children and register data. */
  context?: () => Omit<ValidationContext, 'stepId'>;
}

export function createFlowsHandlers(options: FlowsHandlersOptions): HandlersOf<typeof flowsMethods> {
  const offered = () => (typeof options.flows === 'function' ? options.flows() : options.flows);
  const find = (id: string): FlowDefinition => {
    const flow = offered().get(id);
    if (!flow) throw new KioskFailure('not_found', `flow '${id}' is not offered on this kiosk`);
    return flow;
  };
  return {
    'flows.get': async ({ id }) => find(id),
    'flows.validate': async ({ id, answers, stepId }) => {
      const flow = find(id);
      if (stepId !== undefined && !flow.steps.some((s) => s.id === stepId)) {
        throw new KioskFailure('not_found', `flow '${id}' has no step '${stepId}'`);
      }
      const ctx = options.context?.() ?? {};
      return { issues: validateAnswers(flow, answers, { ...ctx, stepId }) };
    },
  };
}

/** The catalogue (`catalogue.list`) of the offered flows, in their order. */
export function flowCatalogue(flows: ReadonlyMap<string, FlowDefinition>): CatalogueEntry[] {
  return [...flows.values()].map((f) => ({
    id: f.id,
    title: f.title,
    description: f.description,
    category: f.category,
    identification: f.identification,
  }));
}
