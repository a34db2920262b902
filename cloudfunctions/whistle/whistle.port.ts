/** What other parts may ask of 吹哨报到: the periodic reminders and escalation (the timer function runs them). */
export { whistleDeadlines } from './whistle-deadlines.job';
