/**
 * The Component Story Format shapes we use (Storybook's Meta / StoryObj),
 * declared here so stories need no Storybook install: tests render them
 * with plain functions, and Storybook reads the same files when added.
 */
import type { TemplateResult } from 'lit';

export interface Meta<Args = Record<string, unknown>> {
  title: string;
  component: string;
  args?: Partial<Args>;
  argTypes?: Record<string, { control?: string; options?: readonly string[] }>;
  render: (args: Args) => TemplateResult;
}

export interface StoryObj<Args = Record<string, unknown>> {
  name?: string;
  args?: Partial<Args>;
}
