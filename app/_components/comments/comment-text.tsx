import { Fragment } from 'react';
import { commentSegments } from '@/lib/comments/comment-segments';

/**
 * A comment body as React text: links (http and https only) open in a new tab with
 * rel="noopener noreferrer", mentions of the draft's delegations are marked, and
 * everything else is text. No HTML in a body is ever interpreted.
 */
export function CommentText({ body, delegations }: { body: string; delegations?: ReadonlySet<string> }) {
  return (
    <p className="comment__body">
      {commentSegments(body, delegations).map((segment, i) => {
        if (segment.type === 'link') {
          return (
            <a key={i} href={segment.href} target="_blank" rel="noopener noreferrer nofollow" className="comment__link">
              {segment.text}
            </a>
          );
        }
        if (segment.type === 'mention') {
          return (
            <span key={i} className="comment__mention" title={`Mentions the delegation of ${segment.code}`}>
              {segment.text}
            </span>
          );
        }
        return <Fragment key={i}>{segment.text}</Fragment>;
      })}
    </p>
  );
}
