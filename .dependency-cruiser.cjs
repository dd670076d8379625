/**
 * ATB's layer rule on resolved import paths (ARCHITECTURE.md): dependencies point inward,
 * main -> interfaces, adapters -> application -> domain; shared/ is used by all and uses none; the built-in
 * strategies use domain, application, shared and zod. No import cycles. Run by `npm run lint`;
 * test/layer-rule.test.ts proves each rule fires. Vendor packages in inner layers are ESLint's check.
 */
const forbidden = {
  domain: ['application', 'adapters', 'interfaces', 'main', 'shared', 'strategies'],
  application: ['adapters', 'interfaces', 'main', 'strategies'],
  shared: ['domain', 'application', 'adapters', 'interfaces', 'main', 'strategies'],
  strategies: ['adapters', 'interfaces', 'main'],
  adapters: ['interfaces', 'main', 'strategies'],
  interfaces: ['adapters', 'main', 'strategies'],
};

module.exports = {
  forbidden: [
    ...Object.entries(forbidden).map(([layer, targets]) => ({
      name: `layer-${layer}`,
      comment: `src/${layer} must not import ${targets.map((t) => `src/${t}`).join(', ')} (dependencies point inward, see ARCHITECTURE.md)`,
      severity: 'error',
      from: { path: `^src/${layer}/` },
      to: { path: `^src/(${targets.join('|')})/` },
    })),
    {
      name: 'no-circular',
      comment: 'import cycles make layers and initialisation order fragile',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
