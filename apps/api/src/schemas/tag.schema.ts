// The wire Tag of docs/api.md#shapes and the admin list's Tag + createdBy (docs/api.md#market-tags).
import { Type } from '@sinclair/typebox';
import { Int } from './common.schema.ts';

export const Tag = Type.Object({
  id: Int,
  slug: Type.String(),
  displayName: Type.String(),
  description: Type.Optional(Type.String()),
  colorKey: Type.Optional(Type.String()),
  sortOrder: Int,
  isActive: Type.Boolean(),
}, { $id: 'Tag', title: 'Tag' });

export const AdminTag = Type.Object({ ...Tag.properties, createdBy: Type.String(), createdAt: Type.String(), updatedAt: Type.String() });

export const exampleTag = { id: 1, slug: 'weather', displayName: 'Weather', description: 'Rain, snow and sun', colorKey: 'sky', sortOrder: 0, isActive: true };
