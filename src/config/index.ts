/** The config stage: YAML file or directory → validated, normalized `DesiredState`. */
export { resolveConfigPath, loadConfig, loadOptionalConfig, loadConfigSources, displayPath } from './load-config.js';
export { loadConfigFromGit } from './load-from-git.js';
export { loadConfigBeside, loadConfigFromGitBeside } from './load-config-beside.js';
export { digestConfig } from './digest.js';
export { findConfigSchemaPath, readConfigSchema } from './schema.js';
export { SEMANTIC_RULES } from './semantic-rules.js';
export type { ConfigSource } from './yaml-file.js';
export type * from './raw-types.js';
