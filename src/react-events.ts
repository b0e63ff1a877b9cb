// Generated from custom-elements.json by scripts/react-events.ts; do not edit (test/manifest/react-events.test.ts).
import type { EventName } from '@lit/react';
import type {
  CiamConsentChangedEvent,
  CiamErrorEvent,
  CiamJourneyEvent,
  CiamLinkedEvent,
  CiamOrgChangedEvent,
  CiamProfileSavedEvent,
  CiamProfileSkippedEvent,
  CiamSignedInEvent,
  CiamSignedOutEvent,
  CiamUnlinkedEvent,
} from './elements/shared/events.js';

/** Each element's event props for @lit/react: `on` and the event's name after `ciam-`, typed with its event. */
export const events = {
  'ciam-connections': {
    onJourney: 'ciam-journey' as EventName<CiamJourneyEvent>,
    onLinked: 'ciam-linked' as EventName<CiamLinkedEvent>,
    onUnlinked: 'ciam-unlinked' as EventName<CiamUnlinkedEvent>,
  },
  'ciam-consent': { onConsentChanged: 'ciam-consent-changed' as EventName<CiamConsentChangedEvent>, onJourney: 'ciam-journey' as EventName<CiamJourneyEvent> },
  'ciam-login': {
    onError: 'ciam-error' as EventName<CiamErrorEvent>,
    onJourney: 'ciam-journey' as EventName<CiamJourneyEvent>,
    onSignedIn: 'ciam-signed-in' as EventName<CiamSignedInEvent>,
    onSignedOut: 'ciam-signed-out' as EventName<CiamSignedOutEvent>,
  },
  'ciam-org-switcher': { onOrgChanged: 'ciam-org-changed' as EventName<CiamOrgChangedEvent> },
  'ciam-passkey': { onJourney: 'ciam-journey' as EventName<CiamJourneyEvent> },
  'ciam-profile': {
    onJourney: 'ciam-journey' as EventName<CiamJourneyEvent>,
    onProfileSaved: 'ciam-profile-saved' as EventName<CiamProfileSavedEvent>,
    onProfileSkipped: 'ciam-profile-skipped' as EventName<CiamProfileSkippedEvent>,
  },
  'ciam-recovery': {
    onError: 'ciam-error' as EventName<CiamErrorEvent>,
    onJourney: 'ciam-journey' as EventName<CiamJourneyEvent>,
    onSignedIn: 'ciam-signed-in' as EventName<CiamSignedInEvent>,
    onSignedOut: 'ciam-signed-out' as EventName<CiamSignedOutEvent>,
  },
  'ciam-session': { onJourney: 'ciam-journey' as EventName<CiamJourneyEvent> },
  'ciam-sessions': { onJourney: 'ciam-journey' as EventName<CiamJourneyEvent> },
  'ciam-signup': {
    onError: 'ciam-error' as EventName<CiamErrorEvent>,
    onJourney: 'ciam-journey' as EventName<CiamJourneyEvent>,
    onSignedIn: 'ciam-signed-in' as EventName<CiamSignedInEvent>,
    onSignedOut: 'ciam-signed-out' as EventName<CiamSignedOutEvent>,
  },
  'ciam-social': {
    onError: 'ciam-error' as EventName<CiamErrorEvent>,
    onJourney: 'ciam-journey' as EventName<CiamJourneyEvent>,
    onSignedIn: 'ciam-signed-in' as EventName<CiamSignedInEvent>,
    onSignedOut: 'ciam-signed-out' as EventName<CiamSignedOutEvent>,
  },
  'ciam-user': {},
};
