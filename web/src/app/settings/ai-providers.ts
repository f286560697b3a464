/** Providers with an OpenAI-compatible API, and the address and a model to start from. */
export interface AiProvider {
  id: string;
  label: string;
  baseUrl: string;
  model: string;
}

export const AI_PROVIDERS: AiProvider[] = [
  { id: 'openai', label: 'OpenAI', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini' },
  { id: 'openrouter', label: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1', model: 'openai/gpt-4o-mini' },
  { id: 'groq', label: 'Groq', baseUrl: 'https://api.groq.com/openai/v1', model: 'llama-3.1-8b-instant' },
  { id: 'mistral', label: 'Mistral', baseUrl: 'https://api.mistral.ai/v1', model: 'mistral-small-latest' },
  { id: 'custom', label: 'Other OpenAI-compatible API', baseUrl: '', model: '' },
];

/** The provider an address belongs to (`custom` for any other). */
export const providerOf = (baseUrl: string | null): AiProvider =>
  AI_PROVIDERS.find((p) => p.baseUrl && baseUrl?.replace(/\/+$/, '') === p.baseUrl) ?? AI_PROVIDERS.at(-1)!;
