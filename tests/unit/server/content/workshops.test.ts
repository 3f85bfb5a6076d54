import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkshops, WorkshopError } from '../../../../server/content/workshops.ts';
import { readFiveWhysYaml, WORKSHOPS_DIR } from '../../../helpers/content.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temp workshops directory holding the given files. */
function workshopsDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledestjerne-workshops-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** five-whys.yaml with one exact piece of text replaced; fails if the text is not there exactly once. */
function fiveWhysWith(find: string, replace: string): string {
  const yaml = readFiveWhysYaml();
  expect(yaml.split(find), `"${find}" should occur once in five-whys.yaml`).toHaveLength(2);
  return yaml.replace(find, replace);
}

function loadError(dir: string): WorkshopError {
  try {
    loadWorkshops(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(WorkshopError);
    return error as WorkshopError;
  }
  throw new Error('loadWorkshops should have failed');
}

describe('loadWorkshops', () => {
  it('loads the shipped workshops', () => {
    const workshops = loadWorkshops(WORKSHOPS_DIR);
    expect(workshops.get('five-whys')?.steps.map((s) => s.kind)).toEqual([
      'brief',
      'ladder',
      'statement',
      'consent',
      'result',
    ]);
  });

  it('loads every .yaml file, keyed by id, and ignores other files', () => {
    const copy = readFiveWhysYaml().replace(/^id: five-whys$/m, 'id: five-whys-copy');
    const dir = workshopsDir({
      'five-whys.yaml': readFiveWhysYaml(),
      'five-whys-copy.yaml': copy,
      'README.md': '# not a workshop',
      'draft.yml.bak': 'id: [broken',
    });
    expect([...loadWorkshops(dir).keys()].sort()).toEqual(['five-whys', 'five-whys-copy']);
  });

  it('names the file, the step and the field of a broken nested field', () => {
    const dir = workshopsDir({ 'five-whys.yaml': fiveWhysWith('maxWords: 10', 'maxWords: ten') });
    const { message } = loadError(dir);
    expect(message).toMatch(/^five-whys\.yaml: invalid workshop\n/);
    expect(message).toContain('  steps[2] (statement).maxWords: ');
  });

  it('names the language of a text missing in one step', () => {
    const dir = workshopsDir({
      'five-whys.yaml': fiveWhysWith('      nb: "Hvorfor er det viktig at {answer}?"\n', ''),
    });
    expect(loadError(dir).message).toContain('steps[1] (ladder).followUpQuestion.nb: text in "nb" is missing');
  });

  it('reports a rule that spans fields of a step at the step', () => {
    const dir = workshopsDir({ 'five-whys.yaml': fiveWhysWith('minWords: 7', 'minWords: 12') });
    expect(loadError(dir).message).toContain('steps[2] (statement).minWords: minWords must not exceed maxWords');
  });

  it('reports a consent step that points at the wrong step', () => {
    const dir = workshopsDir({ 'five-whys.yaml': fiveWhysWith('statementStep: statement', 'statementStep: intro') });
    expect(loadError(dir).message).toContain(
      'steps[3] (agreement).statementStep: statementStep "intro" must name an earlier statement or define step of this workshop',
    );
  });

  it('lists every problem, not just the first', () => {
    const broken = fiveWhysWith('depth: 5', 'depth: 50').replace('maxWords: 10', 'maxWords: ten');
    const lines = loadError(workshopsDir({ 'five-whys.yaml': broken })).message.split('\n');
    expect(lines.some((l) => l.startsWith('  steps[1] (ladder).depth: '))).toBe(true);
    expect(lines.some((l) => l.startsWith('  steps[2] (statement).maxWords: '))).toBe(true);
  });

  it('reports a problem outside the steps by its field', () => {
    const dir = workshopsDir({ 'five-whys.yaml': fiveWhysWith('minutes: 90', 'minutes: soon') });
    expect(loadError(dir).message).toMatch(/^ {2}minutes: /m);
  });

  it('reports invalid YAML with the file name', () => {
    const dir = workshopsDir({
      'a-good.yaml': readFiveWhysYaml().replace('id: five-whys', 'id: a-good'),
      'broken.yaml': 'id: [unclosed\n  title: x',
    });
    expect(loadError(dir).message).toMatch(/^broken\.yaml: not valid YAML: /);
  });

  it('reports a file that is no workshop at all', () => {
    const dir = workshopsDir({ 'empty.yaml': '' });
    expect(loadError(dir).message).toMatch(/^empty\.yaml: invalid workshop\n {2}\(file\): /);
  });

  it('requires the id to match the file name', () => {
    const dir = workshopsDir({ 'purpose.yaml': readFiveWhysYaml() });
    expect(loadError(dir).message).toBe('purpose.yaml: id "five-whys" must match the file name "purpose"');
  });

  it('refuses a directory without workshops', () => {
    const empty = workshopsDir({});
    expect(loadError(empty).message).toBe(`no workshops found in ${empty}`);
    const otherFiles = workshopsDir({ 'notes.md': 'hello', 'five-whys.json': '{}' });
    expect(loadError(otherFiles).message).toBe(`no workshops found in ${otherFiles}`);
  });
});
