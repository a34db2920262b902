/** What other parts may call of checkin: the periodic reminder of activities about to start. */
export { remindActivities } from './activity-reminders.job';
