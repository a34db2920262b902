// Taro's babel preset (React + TypeScript); used by the webpack5 runner only. Tests use @swc/jest.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
