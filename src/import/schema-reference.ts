import { dirname, relative, sep } from 'node:path';

/**
 * The `$schema` an imported file's modeline names, as seen from `file` (absolute): one that works
 * on a colleague's checkout, not only on the importer's machine.
 *
 * - When the schema dialform ships is inside a `node_modules` whose project holds `file` (dialform
 *   installed as a dependency of the repository the config is in: `npm install -D dialform`), the
 *   path relative to `file` (`../node_modules/dialform/schemas/dialform.schema.json`): it resolves
 *   wherever the repository is cloned and `npm install` has run, offline, at the installed version.
 * - Otherwise (a global install, `npx` from a cache, another checkout) a relative path would point
 *   into the importer's own disk: the schema's published address (its `$id`) instead.
 */
export function chooseSchemaReference(input: { file: string; schemaPath: string; schemaId: string }): string {
  const marker = `${sep}node_modules${sep}`;
  const at = input.schemaPath.lastIndexOf(marker);
  if (at >= 0) {
    const project = input.schemaPath.slice(0, at);
    const fromProject = relative(project, input.file);
    if (fromProject !== '' && !fromProject.startsWith('..') && !fromProject.startsWith(sep)) {
      return relative(dirname(input.file), input.schemaPath).split(sep).join('/');
    }
  }
  return input.schemaId;
}
