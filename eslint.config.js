// ESLint flat config. Besides the usual TypeScript checks it keeps vendor and node packages out of the
// inner layers (ARCHITECTURE.md); the direction between layers and import cycles are checked on resolved
// paths by dependency-cruiser (.dependency-cruiser.cjs). test/layer-rule.test.ts proves both fire.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Bare (package) imports each inner layer may use; everything else is a vendor leak. */
const allowedPackages = {
  domain: ['big.js'],
  application: [],
  shared: [],
  strategies: ['zod'],
};

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const packageRule = (layer, allowed) => ({
  files: [`src/${layer}/**/*.ts`],
  ignores: ['src/**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^(?!\\.{1,2}/${allowed.map((p) => `|${escape(p)}$`).join('')})`,
            message: `layer rule: src/${layer} may import only relative modules${
              allowed.length > 0 ? ` and ${allowed.join(', ')}` : ''
            }; vendor and node packages belong in adapters/, interfaces/ or main/.`,
          },
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test/fixtures/**', 'web/dist/**', '.atb/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  ...Object.entries(allowedPackages).map(([layer, allowed]) => packageRule(layer, allowed)),
  {
    files: ['**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    // Tests may use non-null assertions after an explicit expect(...) and loosely typed fixtures.
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
);

