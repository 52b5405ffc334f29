import { useState } from 'react';
import type { SessionUser } from '@shared/users';
import { EventsPage, FIRST_EVENT_PAGE, type EventFilter } from './EventsPage';
import './events.css';

/** 活动 (/events): counsellors and directors ('events.manage') record and count outreach events. */
export function EventsSection(_props: { user: SessionUser }) {
  const [filter, setFilter] = useState<EventFilter>(FIRST_EVENT_PAGE);
  return <EventsPage filter={filter} setFilter={setFilter} />;
}
