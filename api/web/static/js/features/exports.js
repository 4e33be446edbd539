// Further exports of a finished roster: the XLSX workbook and a team's calendar.
export const xlsxPath = (id) => `/v1/jobs/${encodeURIComponent(id)}/roster.xlsx`;
export const teamIcsPath = (id, team) => `/v1/jobs/${encodeURIComponent(id)}/teams/${encodeURIComponent(team)}.ics`;
