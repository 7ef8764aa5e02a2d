import type { ProfileGenerator } from './profile-generator.js';

/** The generic generator: the profile is the validated answers themselves. */
export const answersGenerator: ProfileGenerator = {
  kind: 'answers',
  runsInTurn: true,
  async generate({ flowId, answers }) {
    return { kind: 'answers', flow: flowId, answers: { ...answers } };
  },
};
