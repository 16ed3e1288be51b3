import type { ESLint, Rule } from 'eslint';

export declare const SHARED_CORE: string[];
export declare function locate(path: string): { layer: 'functions' | 'core'; context: string; rest: string } | undefined;
export declare const contextBoundaries: Rule.RuleModule;
declare const plugin: ESLint.Plugin;
export default plugin;
