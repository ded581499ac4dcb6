// GET|POST /api/auth/* - NextAuth v4 (sign-in, sign-out, csrf, session)
import NextAuth from 'next-auth';
import { getServices } from '@/server/services-registry';

type Handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

let handler: Handler | undefined;

function nextAuthHandler(): Handler {
  handler ??= NextAuth(getServices().authOptions) as unknown as Handler;
  return handler;
}

export function GET(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return nextAuthHandler()(req, ctx);
}

export function POST(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return nextAuthHandler()(req, ctx);
}
