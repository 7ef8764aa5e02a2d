import { answersGenerator } from './answers-generator.js';
import { birthChartGenerator } from './birth-chart/birth-chart-generator.js';
import type { ProfileGenerator } from './profile-generator.js';

/** Every profile generator, by the name a flow file gives in its `profile` field. */
export const profileGenerators: ReadonlyMap<string, ProfileGenerator> = new Map<string, ProfileGenerator>([
  ['answers', answersGenerator],
  ['birth-chart', birthChartGenerator],
]);
