// The embed pages' German: plurals from Intl.PluralRules, and the platform's English log lines
// and step names shown in the UI language.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { I18n } from '../../demo/platform/pages/lib/i18n.js';
import { logText, stepName } from '../../demo/platform/pages/execution/platform-text.js';
import * as execution from '../../demo/platform/pages/execution/strings.js';
import * as notebook from '../../demo/platform/pages/notebook/strings.js';

const de = new I18n({ en: execution.en, de: execution.de }, 'de');
const en = new I18n({ en: execution.en, de: execution.de }, 'en');

describe('embed pages in German', () => {
  test('every English string of both pages has a German one, and no German one is left in English', () => {
    for (const [name, tables] of [
      ['execution', execution],
      ['notebook', notebook],
    ] as const) {
      const english = Object.keys(tables.en).sort();
      assert.deepEqual(Object.keys(tables.de).sort(), english, `${name}: the same ids`);
      const same = english.filter(
        (id) =>
          (tables.de as Record<string, string>)[id] === (tables.en as Record<string, string>)[id] &&
          !/^(Info|API|Export|Name|Region|Notebook|stderr|stdout|Status|Exit-Code)$/.test(
            (tables.en as Record<string, string>)[id]!,
          ),
      );
      assert.deepEqual(same, [], `${name}: ids whose German is the English text`);
    }
  });

  test('plurals follow Intl.PluralRules', () => {
    assert.equal(logText(de, 'Fetched 1 row(s)'), '1 Zeile abgerufen');
    assert.equal(logText(de, 'Fetched 1,250 row(s)'), '1.250 Zeilen abgerufen');
    assert.equal(logText(en, 'Fetched 1 row(s)'), 'Fetched 1 row');
    assert.equal(logText(en, 'Fetched 1,250 row(s)'), 'Fetched 1,250 rows');
    assert.equal(de.plural('timeline.label', { count: 1, duration: '2 s' }), 'Zeitverlauf von 1 Schritt über 2 s');
  });

  test('log lines and step names the page knows are translated; others stay as the platform wrote them', () => {
    assert.equal(
      logText(de, 'Row 17, email: "jane@" is not a valid e-mail address'),
      'Zeile 17, E-Mail: Keine gültige E-Mail-Adresse: „jane@“',
    );
    assert.equal(logText(de, 'Execution finished successfully'), 'Ausführung erfolgreich abgeschlossen');
    assert.equal(logText(de, 'connector says hello'), 'connector says hello');
    assert.equal(stepName(de, 'Validate rows'), 'Zeilen prüfen');
    assert.equal(stepName(de, 'Custom step'), 'Custom step');
  });
});
