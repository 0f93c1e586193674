// Usage: tsx scripts/check-floating-promises.ts (part of `npm run typecheck`)
// Fails on a promise nobody waits for: a statement, or a callback's result where the caller
// ignores it (`forEach`), whose type is thenable; and on a promise tested as a condition
// (`if (isOwner(id))`, `!check()`, `a && b()`), which is always true; and on a test's
// `expect(promise)` without `.resolves`/`.rejects`, which passes on better-sqlite3 only. Every query is typed asynchronous (db/index.ts)
// and on libSQL really is: a `tx.update(…).run()` left unawaited would run after its transaction
// committed, or not at all. better-sqlite3 runs it at once, so only types can catch it on that
// driver. `void promise` marks a promise deliberately left to run.
import path from "node:path";
import ts from "typescript";

export interface FloatingPromise {
  file: string;
  line: number;
  text: string;
}

function isThenable(checker: ts.TypeChecker, node: ts.Expression): boolean {
  const type = checker.getTypeAtLocation(node);
  // Every part but null and undefined: `Promise<T> | undefined` is a promise left floating,
  // while React's ReactNode (which may be a promise among many other things) is not.
  const parts = (type.isUnion() ? type.types : [type]).filter(
    (part) => !(part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)),
  );
  return (
    parts.length > 0 &&
    parts.every((part) => {
      const then = part.getProperty("then");
      if (!then) return false;
      const thenType = checker.getTypeOfSymbolAtLocation(then, node);
      return thenType.getCallSignatures().length > 0;
    })
  );
}

/** The expression a statement leaves unhandled, or undefined when it awaits, voids or returns. */
function unhandled(expression: ts.Expression): ts.Expression | undefined {
  let current = expression;
  while (ts.isParenthesizedExpression(current)) current = current.expression;
  if (ts.isAwaitExpression(current) || ts.isVoidExpression(current)) return undefined;
  if (ts.isBinaryExpression(current) && current.operatorToken.kind === ts.SyntaxKind.EqualsToken)
    return undefined;
  return current;
}

function mayBeAbsent(checker: ts.TypeChecker, node: ts.Expression): boolean {
  const type = checker.getTypeAtLocation(node);
  return (type.isUnion() ? type.types : [type]).some(
    (part) => (part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)) !== 0,
  );
}

/** The expression `node` tests for truth, if it is a condition. */
function conditionOf(node: ts.Node): ts.Expression | undefined {
  if (ts.isIfStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node))
    return node.expression;
  if (ts.isConditionalExpression(node)) return node.condition;
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken)
    return node.operand;
  if (
    ts.isBinaryExpression(node) &&
    (node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ||
      node.operatorToken.kind === ts.SyntaxKind.BarBarToken)
  )
    return node.left;
  return undefined;
}

export function floatingPromises(root: string): FloatingPromise[] {
  const configFile = ts.findConfigFile(root, ts.sys.fileExists, "tsconfig.json");
  if (!configFile) throw new Error("no tsconfig.json");
  const config = ts.getParsedCommandLineOfConfigFile(
    configFile,
    { incremental: false },
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      },
    },
  );
  if (!config) throw new Error("tsconfig.json could not be read");
  const program = ts.createProgram(config.fileNames, config.options);
  const checker = program.getTypeChecker();
  const found: FloatingPromise[] = [];
  const report = (node: ts.Node, source: ts.SourceFile) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push({
      file: path.relative(root, source.fileName),
      line: line + 1,
      text: node.getText(source).split("\n")[0] ?? "",
    });
  };
  for (const source of program.getSourceFiles()) {
    if (source.isDeclarationFile || source.fileName.includes("/node_modules/")) continue;
    const visit = (node: ts.Node) => {
      if (ts.isExpressionStatement(node)) {
        const expression = unhandled(node.expression);
        if (expression && isThenable(checker, expression)) report(node, source);
      }
      // A test's `expect(promise)` compares the promise, not its value (unless .resolves/.rejects).
      if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === "expect" &&
        node.arguments[0] &&
        !(
          ts.isPropertyAccessExpression(node.parent) &&
          ["resolves", "rejects"].includes(node.parent.name.text)
        ) &&
        isThenable(checker, node.arguments[0])
      )
        report(node, source);
      // Only a promise that cannot be absent: `if (!pending)` on `Promise | undefined` is a check.
      const condition = conditionOf(node);
      if (condition && isThenable(checker, condition) && !mayBeAbsent(checker, condition))
        report(condition, source);
      // A callback of forEach whose promise the loop drops.
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === "forEach"
      ) {
        const callback = node.arguments[0];
        if (
          callback &&
          (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) &&
          (callback.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ||
            (!ts.isBlock(callback.body) && isThenable(checker, callback.body)))
        )
          report(callback, source);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const found = floatingPromises(process.cwd());
  for (const item of found)
    console.error(`${item.file}:${item.line}: promise not awaited: ${item.text}`);
  if (found.length > 0) {
    console.error(`${found.length} floating promise(s): await them, or mark with void`);
    process.exit(1);
  }
  console.info("floating promises: none");
}
