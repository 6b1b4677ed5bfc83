// Seeds one demo student and one demo instructor when the database has no users.
// Passwords are random and printed once, on the start that creates them.
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../lib/auth/password';
import { createPrismaClient } from '../lib/db/client';

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const prisma = createPrismaClient(url);
  try {
    if ((await prisma.user.count()) > 0) {
      console.log('  the database already has accounts: nothing to seed');
      return;
    }
    const demo = [
      { email: 'student@lockstep.test', name: 'Demo Student', role: 'STUDENT' as const },
      { email: 'instructor@lockstep.test', name: 'Demo Instructor', role: 'INSTRUCTOR' as const },
    ];
    console.log('  demo accounts (shown only now; write the passwords down):');
    for (const account of demo) {
      const password = randomBytes(9).toString('base64url');
      await prisma.user.create({ data: { ...account, passwordHash: await hashPassword(password), locale: 'en' } });
      console.log(`    ${account.role.toLowerCase().padEnd(10)}  ${account.email}  password: ${password}`);
    }
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
