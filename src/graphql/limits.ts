import { ASTVisitor, FieldNode, FragmentDefinitionNode, Kind, SelectionSetNode, ValidationContext } from 'graphql';
import { LocalizedError } from '../access/guard';
import { text } from '../common/text';

export const MAX_DEPTH = 12;
export const MAX_ALIASES = 50;

// Cheap guards against abusive documents, checked before anything runs. The contract's deepest
// useful read (cases → edges → node → referrals → case → timeline → referral …) stays well inside.

function depthOf(selection: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, seen: Set<string>): number {
  if (!selection) return 0;
  let deepest = 0;
  for (const node of selection.selections) {
    if (node.kind === Kind.FIELD) {
      if (node.name.value.startsWith('__')) continue; // introspection has its own shape
      deepest = Math.max(deepest, 1 + depthOf(node.selectionSet, fragments, seen));
    } else if (node.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(node.selectionSet, fragments, seen));
    } else if (node.kind === Kind.FRAGMENT_SPREAD && !seen.has(node.name.value)) {
      const fragment = fragments[node.name.value];
      if (fragment) deepest = Math.max(deepest, depthOf(fragment.selectionSet, fragments, new Set([...seen, node.name.value])));
    }
  }
  return deepest;
}

/** Refuses operations nested deeper than MAX_DEPTH fields or using more than MAX_ALIASES aliases. */
export function queryLimits(context: ValidationContext): ASTVisitor {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of context.getDocument().definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  let aliases = 0;
  return {
    Field(node: FieldNode) {
      if (node.alias) aliases++;
    },
    OperationDefinition: {
      enter(operation) {
        aliases = 0;
        const depth = depthOf(operation.selectionSet, fragments, new Set());
        if (depth > MAX_DEPTH) {
          context.reportError(
            new LocalizedError(
              text(`查询嵌套了${depth}层，最多允许${MAX_DEPTH}层。`, `The operation is nested ${depth} levels deep; at most ${MAX_DEPTH} are allowed.`),
              {},
              'zh-CN',
              { nodes: [operation] },
            ),
          );
        }
      },
      leave(operation) {
        if (aliases > MAX_ALIASES) {
          context.reportError(
            new LocalizedError(
              text(`查询使用了${aliases}个别名，最多允许${MAX_ALIASES}个。`, `The operation uses ${aliases} aliases; at most ${MAX_ALIASES} are allowed.`),
              {},
              'zh-CN',
              { nodes: [operation] },
            ),
          );
        }
      },
    },
  };
}
