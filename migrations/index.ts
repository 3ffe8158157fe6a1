import { InitialSchema1763870400000 } from './1763870400000-initial-schema';
import { ShipOfficialCalendars1763870400001 } from './1763870400001-ship-official-calendars';
import { TimelineEventParams1763870400002 } from './1763870400002-timeline-event-params';

/** Every migration, in order. Listed by hand so the build and the tests load the same set. */
export const MIGRATIONS = [InitialSchema1763870400000, ShipOfficialCalendars1763870400001, TimelineEventParams1763870400002];
