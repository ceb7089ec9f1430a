import { describe, expect, it } from 'vitest';
import { KioskFailure } from '../../../../src/contract/errors';
import { flowDefinitionSchema } from '../../../../src/contract/flows/definition';
import { flowsMethods } from '../../../../src/contract/namespaces/flows';
import { flowsConfigSchema } from '../../../../src/core/flows/config';
import { createFlowsHandlers, flowCatalogue } from '../../../../src/core/flows/flows-handlers';
import { CHILDREN, passengerAnswers, sampleFlow, TODAY } from '../../contract/flows/sample-flow';

const flow = sampleFlow();
const flows = new Map([[flow.id, flow]]);

async function failureOf(p: Promise<unknown>): Promise<KioskFailure> {
  try {
    await p;
  } catch (err) {
    if (err instanceof KioskFailure) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

describe('flows handlers', () => {
  const handlers = createFlowsHandlers({ flows, context: () => ({ today: TODAY, children: CHILDREN }) });

  it('flows.get answers with the definition, which passes the contract output schema', async () => {
    const got = await handlers['flows.get']({ id: 'prov-flode' });
    expect(got).toBe(flow);
    expect(flowsMethods['flows.get'].output.parse(got)).toEqual(flow);
    expect(flowDefinitionSchema.parse(got)).toEqual(flow);
  });

  it('flows.validate validates with the visit context (children) and by step', async () => {
    expect(await handlers['flows.validate']({ id: 'prov-flode', answers: passengerAnswers() })).toEqual({ issues: [] });
    const other = { ...passengerAnswers(), barn: '198112189876' };
    expect(await handlers['flows.validate']({ id: 'prov-flode', answers: other })).toEqual({
      issues: [{ path: 'barn', code: 'child.unknown' }],
    });
    expect(await handlers['flows.validate']({ id: 'prov-flode', answers: other, stepId: 'start' })).toEqual({
      issues: [],
    });
    const output = flowsMethods['flows.validate'].output.parse(
      await handlers['flows.validate']({ id: 'prov-flode', answers: {} }),
    );
    expect(output.issues.length).toBeGreaterThan(0);
  });

  it('answers not_found for a flow that is not offered or a step it does not have', async () => {
    expect((await failureOf(handlers['flows.get']({ id: 'saknas' }))).code).toBe('not_found');
    expect(
      (await failureOf(handlers['flows.validate']({ id: 'prov-flode', answers: {}, stepId: 'saknas' }))).code,
    ).toBe('not_found');
  });

  it('follows a reloaded set of flows when given a function', async () => {
    let current = new Map<string, typeof flow>();
    const live = createFlowsHandlers({ flows: () => current });
    expect((await failureOf(live['flows.get']({ id: 'prov-flode' }))).code).toBe('not_found');
    current = flows;
    expect((await live['flows.get']({ id: 'prov-flode' })).id).toBe('prov-flode');
  });

  it('the contract refuses malformed requests before they reach the handlers', () => {
    expect(flowsMethods['flows.get'].input.safeParse({ id: '../etc/passwd' }).success).toBe(false);
    expect(flowsMethods['flows.validate'].input.safeParse({ id: 'prov-flode', answers: [] }).success).toBe(false);
    expect(flowsMethods['flows.validate'].input.safeParse({ id: 'prov-flode', answers: {}, extra: 1 }).success).toBe(
      false,
    );
  });
});

describe('flowCatalogue', () => {
  it('lists the offered flows as catalogue entries', () => {
    expect(flowCatalogue(flows)).toEqual([
      { id: 'prov-flode', title: flow.title, description: flow.description, category: 'Test', identification: 'sign' },
    ]);
  });
});

describe('flowsConfigSchema', () => {
  it('defaults to the shipped flows, all enabled', () => {
    expect(flowsConfigSchema.parse({})).toEqual({ dirs: [], enabled: 'all' });
  });

  it('takes extra folders and a list of enabled ids, and refuses misspelt keys', () => {
    expect(flowsConfigSchema.parse({ dirs: ['flows'], enabled: ['forskoleplats'] })).toEqual({
      dirs: ['flows'],
      enabled: ['forskoleplats'],
    });
    expect(flowsConfigSchema.safeParse({ enable: 'all' }).success).toBe(false);
    expect(flowsConfigSchema.safeParse({ enabled: [] }).success).toBe(false);
    expect(flowsConfigSchema.safeParse({ enabled: ['Not Kebab'] }).success).toBe(false);
  });
});
