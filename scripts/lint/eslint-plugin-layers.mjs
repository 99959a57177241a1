// A tiny ESLint rule that applies the layer table of layer-rules.mjs to every import, export-from,
// dynamic import and require() with a literal specifier, so the editor marks a crossing at once.
import path from 'node:path';
import { importViolation } from './layer-rules.mjs';

/** @type {import('eslint').Rule.RuleModule} */
const allowedImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer imports only the layers and npm packages on its allow list (docs/architecture.md).' },
    schema: [],
    messages: { violation: "'{{specifier}}': {{rule}}." },
  },
  create(context) {
    const relativeFile = path.relative(context.cwd, context.filename).split(path.sep).join('/');
    function check(source) {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const rule = importViolation(relativeFile, source.value);
      if (rule) context.report({ node: source, messageId: 'violation', data: { specifier: source.value, rule } });
    }
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportEqualsDeclaration: (node) => check(node.moduleReference?.expression),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) check(node.arguments[0]);
      },
    };
  },
};

export default { meta: { name: 'layers' }, rules: { 'allowed-imports': allowedImports } };
