// Three projects: fast unit/function tests, checks of the built bundles, and end-to-end stories in Chromium.
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', tsx: true },
        transform: { react: { runtime: 'automatic' } },
        target: 'es2022',
      },
    },
  ],
};
const moduleNameMapper = { '^@shared/(.*)$': '<rootDir>/shared/src/$1' };
const common = { rootDir: __dirname, transform, moduleNameMapper, testEnvironment: 'node' };

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/tests/{unit,functions,store,local}/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/tests/support/after-each.ts'],
    },
    {
      ...common,
      displayName: 'ui',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/tests/ui/**/*.test.tsx'],
      moduleNameMapper: {
        ...moduleNameMapper,
        '^@tarojs/taro$': '<rootDir>/tests/ui/mocks/taro.ts',
        '^@tarojs/components$': '<rootDir>/tests/ui/mocks/components.tsx',
        '^@nutui/nutui-react-taro$': '<rootDir>/tests/ui/mocks/nutui.tsx',
        '\\.css$': '<rootDir>/tests/ui/mocks/style.ts',
      },
    },
    { ...common, displayName: 'build', testMatch: ['<rootDir>/tests/build/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.e2e.ts'] },
  ],
};
