/**
 * Connects an element to its client: finds or creates the shared one,
 * subscribes while connected, re-renders on every state, and turns
 * notifications into the element's DOM events.
 */
import type { ReactiveController } from 'lit';
import type { Notification, SessionClient, SessionState } from '../../../client/ciam-client.js';
import { getClient, whenAnyClient } from '../../../client/registry.js';
import { CiamError } from '../../../core/errors.js';
import type { CiamElement } from '../base.js';

export interface SessionControllerOptions {
  /**
   * Fire ciam-signed-in / ciam-signed-out / ciam-error from this element: from the first such element
   * connected to the client, so a page with <ciam-login> and <ciam-social> hears each event once.
   */
  emitsSessionEvents: boolean;
  /** Hears every notification of the client (signed in, signed out, errors), for elements that act on them. */
  onNotification?: (notification: Notification) => void;
}

/** Per client, the connected elements that may fire its session events, in the order they connected. */
const emitters = new WeakMap<SessionClient, Set<SessionController>>();

export class SessionController implements ReactiveController {
  client: SessionClient | null = null;
  private unsubscribe: (() => void) | null = null;
  private boundTo: unknown[] = [];

  constructor(
    private readonly host: CiamElement,
    private readonly options: SessionControllerOptions,
  ) {
    host.addController(this);
  }

  get state(): SessionState {
    return this.client?.state ?? { name: 'idle' };
  }

  hostConnected() {
    this.bind();
  }

  hostDisconnected() {
    this.release();
    this.boundTo = [];
  }

  /** Rebinds when the element is given another client or other coordinates. */
  hostUpdate() {
    this.bind();
  }

  private bind() {
    const host = this.host;
    const { bff } = host;
    const key = [host.client, host.authority, host.clientId, bff];
    if (key.every((v, i) => v === this.boundTo[i])) return;
    this.boundTo = key;
    this.release();
    if (host.client) return this.attach(host.client);
    if (bff) {
      // Backend-for-frontend mode: its client loads now (pages without a BFF never load it).
      const key = this.boundTo;
      void import('../../../client/bff-client.js').then((m) => {
        if (key === this.boundTo) this.attach(m.getBffClient({ ...host.clientOptions(), authority: host.authority, clientId: host.clientId, bff }));
      });
      return;
    }
    if (host.authority && host.clientId) {
      return this.attach(getClient({ ...host.clientOptions(), authority: host.authority, clientId: host.clientId }));
    }
    // No coordinates: join whichever client the page has (e.g. a header's <ciam-user>).
    this.unsubscribe = whenAnyClient((client) => this.attach(client));
  }

  private attach(client: SessionClient) {
    this.client = client;
    if (this.options.emitsSessionEvents) emitters.set(client, (emitters.get(client) ?? new Set()).add(this));
    const unsubscribe = client.subscribe((state, notification) => this.onChange(state, notification));
    // One element per client says where people are in their journey, like the session events.
    const unjourney = this.options.emitsSessionEvents
      ? client.onJourney?.(
          (detail) => emitters.get(client)?.values().next().value === this && this.host.emit('ciam-journey', { ...detail, element: this.host.localName }),
        )
      : undefined;
    this.unsubscribe = () => (unsubscribe(), unjourney?.());
    // The card paints first; then the client starts (discovery first), with every element's attributes in by then.
    // Measured (issue 13): asking for discovery before the paint delays the paint more than it speeds up "ready".
    afterNextPaint(() => client.start());
    this.host.requestUpdate();
  }

  private release() {
    if (this.client) emitters.get(this.client)?.delete(this);
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.client = null;
  }

  private onChange(_state: SessionState, notification?: Notification) {
    this.host.requestUpdate();
    if (notification) this.options.onNotification?.(notification);
    if (!notification || !this.client || emitters.get(this.client)?.values().next().value !== this) return;
    if (notification.event === 'signed-in')
      this.host.emit('ciam-signed-in', {
        user: notification.user,
        restored: notification.restored,
        signedUp: !!notification.signedUp,
        ...(notification.tab ? { tab: true as const } : {}),
        ...(notification.guest ? { guest: notification.guest } : {}),
      });
    else if (notification.event === 'signed-out') {
      this.host.emit('ciam-signed-out', {
        ...(notification.reason ? { reason: notification.reason } : {}),
        ...(notification.tab ? { tab: true as const } : {}),
      });
    } else if (notification.event === 'error') this.host.emit('ciam-error', { error: new CiamError(notification.error) });
  }
}

/**
 * Runs `work` once the browser has painted the next frame: a timer set from
 * an animation frame fires after that frame's paint. A hidden tab paints no
 * frames, so it runs at once there, and after a second at the latest.
 */
function afterNextPaint(work: () => void) {
  if (document.visibilityState === 'hidden') return queueMicrotask(work);
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    work();
  };
  requestAnimationFrame(() => setTimeout(once));
  setTimeout(once, LATEST_START_MS);
}

/** A tab hidden before its first frame still starts. */
const LATEST_START_MS = 1000;
