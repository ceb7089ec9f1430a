import type { KioskError } from '../../../contract';
import { validateAnswers, type AnswerIssue, type FlowDefinition } from '../../../contract/flows';
import { kiosk } from '../kiosk-api';
import { useIdentityStore } from '../stores/identity';
import { useJourneyStore } from '../stores/journey';
import { useNavigationStore } from '../stores/navigation';
import { usePaperStore } from '../stores/paper';
import { paperFlow } from './paper-flow';
import { refusedIssues } from './useStepForm';

/**
 * The visitor's moves through an e-service: catalogue → intro → (sign-in) → steps → review → (sign) →
 * receipt. Screens call these; the order of screens lives here and nowhere else (the screen changes
 * themselves go through the navigation store).
 */
export function useJourney() {
  const journey = useJourneyStore();
  const nav = useNavigationStore();
  const identity = useIdentityStore();
  const paper = usePaperStore();

  /** Catalogue → the e-service's intro. false: core could not give the definition. */
  async function openService(id: string): Promise<boolean> {
    const res = await kiosk().flows.get({ id });
    if (!res.ok) return false;
    const definition = res.value as FlowDefinition;
    // on the paper route every e-service is filled in without BankID and the register (usePaperRoute)
    journey.open(paper.active ? paperFlow(definition) : definition);
    nav.go('intro');
    return true;
  }

  /** The register's answers after login. false: the register could not be asked now. */
  async function loadPrefill(): Promise<boolean> {
    const flow = journey.flow;
    if (!flow) return false;
    const res = await kiosk().submission.prefill({ flowId: flow.id });
    if (!res.ok) return false;
    journey.applyPrefill(res.value);
    return true;
  }

  function showStep(stepId: string, how: 'go' | 'replace' = 'go'): void {
    journey.stepId = stepId;
    if (how === 'go') nav.go('step');
    else nav.replace('step');
  }

  function firstStep(how: 'go' | 'replace' = 'go'): void {
    const first = journey.steps[0];
    if (first) showStep(first.id, how);
  }

  /** "Börja" on the intro. false: signed in, but the register's answers could not be fetched. */
  async function begin(): Promise<boolean> {
    const flow = journey.flow;
    if (!flow) return false;
    if (flow.identification === 'none' || paper.active) {
      firstStep();
      return true;
    }
    if (!identity.signedIn) {
      nav.go('login');
      return true;
    }
    if (!journey.prefilled && !(await loadPrefill())) return false;
    firstStep();
    return true;
  }

  /** After a completed login: on to the first step; "Tillbaka" from there leads to the intro. */
  function afterLogin(): void {
    firstStep('replace');
  }

  /** Nästa on a step whose answers hold. */
  function next(fromStepId: string): void {
    const flow = journey.flow;
    if (!flow) return;
    if (journey.editingFromReview) {
      const issues = validateAnswers(flow, journey.answersToSend(), journey.context);
      const target = issues.length > 0 ? journey.stepOfPath(issues[0]?.path ?? '') : null;
      if (target && target !== fromStepId) return showStep(target);
      if (issues.length === 0) return toReview();
    }
    const steps = journey.steps;
    const i = steps.findIndex((s) => s.id === fromStepId);
    const following = steps[i + 1];
    if (following) showStep(following.id);
    else toReview();
  }

  /** Tillbaka on a step: the previous visible step, or the intro from the first. */
  function previous(fromStepId: string): void {
    const steps = journey.steps;
    const i = steps.findIndex((s) => s.id === fromStepId);
    const before = i > 0 ? steps[i - 1] : undefined;
    if (before) showStep(before.id);
    else nav.go('intro');
  }

  function toReview(): void {
    journey.editingFromReview = false;
    nav.go('review');
  }

  /** Tillbaka on the review: the last visible step. */
  function backFromReview(): void {
    const last = journey.steps[journey.steps.length - 1];
    if (last) showStep(last.id);
  }

  /**
   * On from a review whose answers hold: the paper route goes on to print the blankett, a flow that is
   * signed to the sign screen. false: the case is sent from the review itself (useSubmission).
   */
  function toSignOrPrint(): boolean {
    if (paper.active) nav.go('paperPrint');
    else if (journey.flow?.identification === 'sign') nav.go('sign');
    else return false;
    return true;
  }

  /** "Ändra" on the review. */
  function edit(stepId: string): void {
    journey.editingFromReview = true;
    showStep(stepId);
  }

  /** Core (or the full check before sending) found problems: show them on the first step that has one. */
  function showIssues(issues: readonly AnswerIssue[]): void {
    journey.pendingIssues = [...issues];
    const target = journey.stepOfPath(issues[0]?.path ?? '') ?? journey.steps[0]?.id;
    journey.editingFromReview = true;
    if (target) showStep(target);
  }

  /** Core refused the answers (submit, sign, print): show its problems. false: the error was another. */
  function showRefusal(error: KioskError): boolean {
    const issues = refusedIssues(error);
    if (issues.length === 0) return false;
    showIssues(issues);
    return true;
  }

  /** "Logga ut": core forgets the person; so does the renderer, with the e-service and everything the register gave. */
  async function logout(): Promise<void> {
    await kiosk().identity.logout({});
    identity.forget();
    journey.$reset();
    nav.restart('catalogue');
  }

  return {
    openService,
    loadPrefill,
    begin,
    afterLogin,
    next,
    previous,
    toReview,
    backFromReview,
    toSignOrPrint,
    edit,
    showIssues,
    showRefusal,
    logout,
    firstStep,
  };
}
