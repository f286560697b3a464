import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

const trimmed = (lower: boolean) =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? (lower ? value.trim().toLowerCase() : value.trim()) : value,
  );

/** A required, trimmed, non-empty text field of at most `max` characters. */
export const Text = (max: number) =>
  applyDecorators(trimmed(false), IsString(), MinLength(1, { message: 'must not be empty' }), MaxLength(max));

/** An email address, trimmed and lower-cased (accounts and invites match case-insensitively). */
export const Email = () =>
  applyDecorators(trimmed(true), IsEmail({}, { message: 'must be a valid email address' }), MaxLength(320));

export const PASSWORD_MIN_LENGTH = 10;

/** A new password: long enough, and bounded so hashing cost stays bounded too. */
export const NewPassword = () =>
  applyDecorators(
    IsString(),
    MinLength(PASSWORD_MIN_LENGTH, { message: `must be at least ${PASSWORD_MIN_LENGTH} characters` }),
    MaxLength(200),
  );

/** An opaque token or secret presented back to us (untrimmed). */
export const Token = () => applyDecorators(IsString(), MinLength(1, { message: 'must not be empty' }), MaxLength(200));
