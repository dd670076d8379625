import { type ConfigCheckReport } from '../../interfaces/cli/config-check-report.js';
import { pathText } from './config-fields.js';
import { type ConfigIssue, formatConfigIssue } from './config-issue.js';
import { DEFAULT_SOURCE } from './config-source.js';
import { listSettings } from './list-settings.js';
import { type LoadConfigInput, loadConfig } from './load-config.js';
import { displayConfigValue, redactConfig } from './redact.js';

/** Loads the configuration and describes the outcome for `atb config check`, secrets redacted. */
export function checkConfig(input: LoadConfigInput): ConfigCheckReport {
  const loaded = loadConfig(input);
  if (!loaded.ok) {
    const { errors, warnings } = loaded.error;
    return {
      ok: false,
      errors: errors.map(formatConfigIssue),
      warnings,
      json: { ok: false, errors: errors.map(issueJson), warnings },
    };
  }
  const { config, sources, warnings, file } = loaded.value;
  const settings = listSettings(config).map(({ path, value }) => {
    const key = pathText(path);
    return {
      path: key,
      value: value === undefined ? undefined : displayConfigValue(path, value),
      source: (sources.get(key) ?? DEFAULT_SOURCE).label,
    };
  });
  return {
    ok: true,
    file,
    settings,
    warnings,
    json: {
      ok: true,
      file: file ?? null,
      config: redactConfig(config),
      sources: Object.fromEntries([...sources].map(([key, source]) => [key, source.label])),
      warnings,
    },
  };
}

function issueJson(issue: ConfigIssue): Record<string, unknown> {
  const message = formatConfigIssue(issue);
  switch (issue.kind) {
    case 'unreadable':
      return { kind: issue.kind, location: issue.location, reason: issue.reason, message };
    case 'invalid':
      return {
        kind: issue.kind,
        path: issue.path,
        found: issue.found ?? null,
        source: issue.source.label,
        expected: issue.expected,
        message,
      };
    case 'bad-name':
      return { kind: issue.kind, path: issue.path, source: issue.source.label, expected: issue.expected, message };
    case 'unknown':
      return { kind: issue.kind, path: issue.path, source: issue.source.label, known: issue.known, message };
  }
}
