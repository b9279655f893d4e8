import { ApiError } from '../http/apiError.js';
import { defineRoute } from '../http/route.js';
import type { TemplateDefinition } from '../domain/templates/templateDefinition.js';
import { templateDefinitionSchema } from '../domain/templates/templateDefinition.js';
import { templateImpact } from '../domain/templates/templateImpact.js';
import type { TemplateVersionDoc } from '../domain/templates/templatesRepository.js';
import type { Services } from '../services.js';

const view = (t: TemplateVersionDoc) => ({ industry: t.industry, version: t.version, title: t.title, schema: t.schema, uiSchema: t.uiSchema, labels: t.labels, ...(t.choices ? { choices: t.choices } : {}), ...(t.help ? { help: t.help } : {}), ...(t.placeholders ? { placeholders: t.placeholders } : {}), createdAt: t.createdAt });

export function templateRoutes(services: Services) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/templates',
      summary: 'The current template of every industry',
      access: 'signed-in',
      embeddable: true,
      async handler() {
        return { body: { templates: (await services.templates.list()).map(view) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/templates/:industry',
      summary: 'One industry’s current template',
      access: 'signed-in',
      async handler({ params }) {
        const template = await services.templates.current(params['industry']!);
        if (!template) throw new ApiError('not-found', `No template for industry "${params['industry']}"`);
        return { body: view(template) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/templates/:industry/versions',
      summary: 'Every version of an industry’s template, newest first',
      access: ['admin'],
      async handler({ params }) {
        return { body: { versions: (await services.templates.history(params['industry']!)).map(view) } };
      },
    }),
    defineRoute<Omit<TemplateDefinition, 'industry'>>({
      method: 'post',
      path: '/api/templates/:industry/impact',
      summary: 'Which registrations in progress (active claims) a template definition does not fit, with the fields each would change; nothing is saved',
      access: ['admin'],
      body: templateDefinitionSchema as unknown as Record<string, unknown>,
      bodyIsSchema: true,
      async handler({ params, body }) {
        return { body: await templateImpact(params['industry']!, body, { templates: services.templates, customers: services.claims.customers, claims: services.claims.claims }) };
      },
    }),
    defineRoute<Omit<TemplateDefinition, 'industry'>>({
      method: 'put',
      path: '/api/templates/:industry',
      summary: 'Replace an industry’s template: saved as a new version',
      access: ['admin'],
      body: templateDefinitionSchema as unknown as Record<string, unknown>,
      bodyIsSchema: true,
      async handler({ params, body, principal }) {
        const industry = params['industry']!;
        if (!/^[a-z][a-z0-9-]{1,63}$/.test(industry)) throw new ApiError('bad-request', 'An industry id is lowercase letters, digits and dashes');
        const saved = await services.templates.replace(industry, body, principal);
        await services.audit.record({ actor: principal, action: 'template.saved', subject: saved._id, data: { industry, version: saved.version } });
        return { body: view(saved) };
      },
    }),
  ];
}
