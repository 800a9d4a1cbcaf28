// YAML parsing for the deployment-file tests.
import { parse } from 'yaml';

/** With `<<` merge keys resolved, as Docker Compose does. */
export const parseYaml = (text: string): unknown => parse(text, { merge: true });
