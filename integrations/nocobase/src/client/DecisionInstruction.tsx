import React from 'react';
import { useTranslation } from 'react-i18next';
import { ArrayItems } from '@formily/antd-v5';
import { Instruction, WorkflowVariableInput } from '@nocobase/plugin-workflow/client';
import type { VariableOption } from '@nocobase/plugin-workflow/client';
import { DECISION_NODE_TYPE, DECISION_RESULT_FIELDS, decisionFieldset } from './decisionFieldset.js';
import { NAMESPACE, schemaText } from './locale.js';

/** How a node appears in the variable picker of later nodes. */
interface NodeSummary {
  key: string;
  title: string;
}

/**
 * "crm-policy decision" in NocoBase's workflow editor: its entry in the add-node
 * menu (group "extended", beside the HTTP request), its configuration form, and
 * its result offered to later nodes as variables. The server plugin runs it.
 */
export class DecisionInstruction extends Instruction {
  title = schemaText('crm-policy decision');
  type = DECISION_NODE_TYPE;
  group = 'extended';
  description = schemaText(
    'Decides a crm-policy policy (assignment, credit risk, claim eligibility) on facts from the trigger and earlier nodes; its decision is the node result.',
  );
  icon = (<span aria-hidden>⚖</span>);
  fieldset = decisionFieldset;
  components = { ArrayItems, WorkflowVariableInput };

  createDefaultConfig(): Record<string, unknown> {
    return { policy: 'credit-risk', facts: [], locale: 'zh-CN' };
  }

  /** Called by the editor as a hook (as NocoBase's own nodes do), so it may translate with `useTranslation`. */
  useVariables({ key, title }: NodeSummary): VariableOption {
    const { t } = useTranslation(NAMESPACE);
    return {
      value: key,
      label: title,
      children: DECISION_RESULT_FIELDS.map((field) => ({ value: field.value, label: t(field.label) })),
    };
  }
}
