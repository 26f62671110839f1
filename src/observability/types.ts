/**
 * The NerdGraph input objects Paved renders, with the fields it sets, named as NerdGraph names
 * them: `DashboardInput` (dashboardCreate / dashboardUpdate), `AlertsPolicyInput`
 * (alertsPolicyCreate) and `AlertsNrqlConditionStaticInput` (alertsNrqlConditionStaticCreate,
 * and the same shape as AlertsNrqlConditionUpdateStaticInput for updates).
 */

export interface NrqlQueryInput {
  accountIds: number[];
  query: string;
}

/** Free-form widget JSON; Paved sets the queries and a few display options. */
export interface RawWidgetConfiguration {
  nrqlQueries: NrqlQueryInput[];
  legend?: { enabled: boolean };
  yAxisLeft?: { zero: boolean };
  thresholds?: Array<{ alertSeverity: 'WARNING' | 'CRITICAL'; value: number }>;
  platformOptions?: { ignoreTimeRange: boolean };
}

export interface DashboardWidgetInput {
  title: string;
  visualization: { id: string };
  /** Columns 1–12; width 1–12; height 1–32. */
  layout: { column: number; row: number; width: number; height: number };
  rawConfiguration: RawWidgetConfiguration;
}

export interface DashboardPageInput {
  name: string;
  description: string;
  widgets: DashboardWidgetInput[];
}

export type DashboardPermissions = 'PRIVATE' | 'PUBLIC_READ_ONLY' | 'PUBLIC_READ_WRITE';

export interface DashboardInput {
  name: string;
  description: string;
  permissions: DashboardPermissions;
  pages: DashboardPageInput[];
}

export type IncidentPreference = 'PER_POLICY' | 'PER_CONDITION' | 'PER_CONDITION_AND_TARGET';

export interface AlertsPolicyInput {
  name: string;
  incidentPreference: IncidentPreference;
}

export type TermOperator = 'ABOVE' | 'ABOVE_OR_EQUALS' | 'BELOW' | 'BELOW_OR_EQUALS' | 'EQUALS' | 'NOT_EQUALS';
export type TermPriority = 'CRITICAL' | 'WARNING';

export interface AlertsNrqlConditionTermsInput {
  threshold: number;
  /** Seconds; a multiple of the aggregation window, 60–86400 for static conditions. */
  thresholdDuration: number;
  thresholdOccurrences: 'ALL' | 'AT_LEAST_ONCE';
  operator: TermOperator;
  priority: TermPriority;
}

export interface AlertsNrqlConditionSignalInput {
  /** Seconds. */
  aggregationWindow: number;
  aggregationMethod: 'EVENT_FLOW' | 'CADENCE' | 'EVENT_TIMER';
  /** Seconds, with EVENT_FLOW and CADENCE. */
  aggregationDelay: number;
}

/** Loss of signal: what to do when no data arrives for `expirationDuration` seconds. */
export interface AlertsNrqlConditionExpirationInput {
  expirationDuration: number;
  openViolationOnExpiration: boolean;
  closeViolationsOnExpiration: boolean;
}

export interface AlertsNrqlConditionStaticInput {
  name: string;
  description: string;
  enabled: boolean;
  nrql: { query: string };
  signal: AlertsNrqlConditionSignalInput;
  terms: AlertsNrqlConditionTermsInput[];
  expiration?: AlertsNrqlConditionExpirationInput;
  /** 300 to 2592000 (30 days). */
  violationTimeLimitSeconds: number;
}

/** What render produces for one component in one environment. */
export interface RenderedObservability {
  dashboard: DashboardInput;
  policy: AlertsPolicyInput;
  conditions: AlertsNrqlConditionStaticInput[];
}
