/** The drift-check schedules the server accepts (lib/connection/service.ts DRIFT_CHECK_MINUTES), in words; shared by the form and the list. */
export const DRIFT_SCHEDULES = [
  { value: "", label: "Never (check by hand)" },
  { value: "15", label: "Every 15 minutes" },
  { value: "60", label: "Hourly" },
  { value: "360", label: "Every 6 hours" },
  { value: "1440", label: "Daily" },
] as const;

/** "hourly", "every 6 hours"…: how the connection list says it. */
export const driftScheduleText = (minutes: number) =>
  DRIFT_SCHEDULES.find((d) => d.value === String(minutes))?.label.toLowerCase() ?? `every ${minutes} minutes`;
