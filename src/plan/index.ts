export { buildPlan, type BuildPlanInput } from './build-plan.js';
export { digestLive } from './digest.js';
export { RULES, runRules, type Rule, type RuleContext } from './rules/index.js';
