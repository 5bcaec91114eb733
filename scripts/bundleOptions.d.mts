import type { BuildOptions } from 'esbuild';

export declare const shippedBundle: BuildOptions;
