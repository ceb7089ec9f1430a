import { events, isEventName, type EventName, type EventPayload } from '../contract';
import type { Logger } from './log/logger';

export type EventListener = (event: EventName, payload: unknown) => void;

/**
 * Events from core to whichever renderer is attached. Each payload is checked against its contract
 * schema before it leaves, so a bug in core cannot send the renderer something it does not expect.
 */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly logger: Logger) {}

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    if (!isEventName(event)) return;
    const checked = events[event].safeParse(payload);
    if (!checked.success) {
      this.logger.error({ event }, 'event payload outside the contract was not sent');
      return;
    }
    for (const l of this.listeners) {
      try {
        l(event, checked.data);
      } catch (err) {
        this.logger.warn({ event, err }, 'event listener failed');
      }
    }
  }

  /** An emitter for one namespace's events (loosely typed at the boundary, checked at runtime). */
  forNamespace(): (event: string, payload: unknown) => void {
    return (event, payload) => this.emit(event as EventName, payload as never);
  }
}
