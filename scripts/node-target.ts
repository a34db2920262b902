/**
 * The Node.js the functions run on: the newest runtime identifier CloudBase's deploy API is known to take
 * (Nodejs20.19; 16.13 is past its end of life). cloudbaserc.json names it, the bundles are built for it, and
 * the build test checks that they agree and that the bundles load in a Node of that major version.
 */
export const NODE_RUNTIME = 'Nodejs20.19';
export const NODE_TARGET = 'node20';
