import { describe, expect, it } from 'vitest';
import { formatConfigIssue } from './config-issue.js';
import { readFileLayer } from './file-layer.js';

const read = (text: string) => readFileLayer('conf/atb.yaml', text);
const issueLines = (text: string) => read(text).issues.map(formatConfigIssue);

describe('readFileLayer', () => {
  it('gives every value its file:line:col', () => {
    const layer = read('# settings\nserver:\n  host: 0.0.0.0\n\n  port: 80\n');
    expect(layer.assignments.map((a) => [a.path.join('.'), a.value, a.source.label])).toEqual([
      ['server.host', '0.0.0.0', 'file conf/atb.yaml:3:9'],
      ['server.port', 80, 'file conf/atb.yaml:5:9'],
    ]);
  });

  it('reports YAML syntax errors with their line and column', () => {
    expect(issueLines('server:\n  port: [1,\n')).toEqual([
      'config error: conf/atb.yaml:3:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    expect(issueLines('mode: paper\nmode: live\n')).toEqual(['config error: conf/atb.yaml:2:1: invalid YAML: Map keys must be unique']);
    expect(issueLines('log:\n\tlevel: info\n')[0]).toMatch(/^config error: conf\/atb\.yaml:2:1: invalid YAML: /);
  });

  it('wants a mapping at the top level', () => {
    expect(issueLines('- mode\n- paper\n')).toEqual([
      'config error: conf/atb.yaml:1:1: expected a mapping of settings (key: value) at the top level',
    ]);
  });

  it('reads an empty file, a comment-only file and keys without values as nothing set', () => {
    for (const text of ['', '# nothing yet\n', 'exchange:\n  apiKey:\nserver:\n']) {
      expect(read(text)).toEqual({ assignments: [], issues: [], warnings: [] });
    }
  });

  it('keeps the source text of a number given for a text or decimal setting', () => {
    const layer = read('backtest:\n  cash: 1e2\nexchange:\n  password: 007\n');
    expect(layer.assignments.map((a) => a.value)).toEqual(['1e2', '007']);
  });

  it('resolves aliases', () => {
    const layer = read('server:\n  port: &p 9000\nlog:\n  level: warn\nbacktest:\n  feeBps: *p\n');
    expect(layer.assignments.find((a) => a.path.join('.') === 'backtest.feeBps')?.value).toBe(9000);
  });
});
